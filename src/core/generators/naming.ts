/** Case conversions of an integration name (`payments-api`) for each language's conventions. */
import { GeneratorOptionsError } from './types';

const NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export function isValidName(name: string): boolean {
  return name.length <= 48 && NAME_PATTERN.test(name);
}

/** Throws unless `name` is kebab-case (lowercase letters, digits, single dashes), 1–48 chars. */
export function checkName(name: string): void {
  if (!isValidName(name)) {
    throw new GeneratorOptionsError(`name must be kebab-case like "payments-api" (a-z, 0-9, single dashes, at most 48 characters), got "${name}"`);
  }
}

const words = (name: string): string[] => name.split('-').filter(Boolean);
const cap = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

export const snakeCase = (name: string): string => words(name).join('_');
export const screamingCase = (name: string): string => snakeCase(name).toUpperCase();
export const pascalCase = (name: string): string => words(name).map(cap).join('');
export const camelCase = (name: string): string => {
  const pascal = pascalCase(name);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
};
/** Go package and Java package segment: lowercase letters and digits only. */
export const flatCase = (name: string): string => words(name).join('');

/** Python and Rust module names cannot start with a digit; the name pattern already forbids it. */
export const moduleName = snakeCase;
