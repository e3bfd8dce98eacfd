// A file's stat, or undefined when there is none: no exception for the common miss (it costs a stack
// each, and start-up looks up dozens of paths that do not exist: PATH folders, plugin folders).
import { statSync, type Stats } from 'node:fs';

export function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // a parent not searchable, a loop of links: as good as not there
  }
}
