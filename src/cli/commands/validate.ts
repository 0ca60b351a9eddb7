import { UsageError, type CliCommand } from '../usage';

/** Placeholder until its issue lands: says so instead of pretending to work. */
export const validateCommand: CliCommand = async () => {
  throw new UsageError('not implemented yet');
};
