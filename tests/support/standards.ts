// Where ../shared/standards/<folder> is: beside the repository root, or one level further up
// for a worktree that sits deeper.
import { existsSync } from "node:fs";
import path from "node:path";

export function standardsFolder(folder: string): string {
  let dir = process.cwd();
  for (let i = 0; i < 4; i++) {
    const candidate = path.join(dir, "../shared/standards", folder);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`../shared/standards/${folder} not found`);
}
