/** How the planner reads files: the disk (CLI), or open editors first and then the disk (VS Code). */
import { readFile } from 'node:fs/promises';

export interface PlanFs {
  /** The file's text, or undefined when it does not exist (or cannot be read). */
  readText(path: string): Promise<string | undefined>;
}

export const diskFs: PlanFs = {
  readText: (file) => readFile(file, 'utf8').then((text) => text, () => undefined),
};
