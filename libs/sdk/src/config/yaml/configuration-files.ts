import { readdir, readFile, rename, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BreakerConfig } from '@breakwater/contracts';
import { ConfigurationError, isConfigurationError, type ConfigurationProblem } from '../configuration-error.js';
import { formatConfigurationYaml, parseConfigurationYaml } from './configuration-yaml.js';

const YAML_FILE = /\.ya?ml$/;

/**
 * Reads every `*.yaml` / `*.yml` file of `directory` (not its sub-folders), in name order, one configuration per
 * file (the guide's `config/circuit_breakers/`). All files are checked before anything is returned: a
 * `ConfigurationError` lists the problems of every bad file, each with file, line and field, and two files may
 * not define the same name.
 */
export async function loadConfigurationsFromDirectory(directory: string): Promise<BreakerConfig[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && YAML_FILE.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  const configs: BreakerConfig[] = [];
  const problems: ConfigurationProblem[] = [];
  const fileOfName = new Map<string, string>();
  for (const name of files) {
    const file = join(directory, name);
    try {
      const config = parseConfigurationYaml(await readFile(file, 'utf8'), file);
      const other = fileOfName.get(config.name);
      if (other !== undefined) {
        problems.push({
          path: 'name',
          rule: 'unique',
          file,
          message: `${file}: name: "${config.name}" is already defined in ${other}`,
        });
        continue;
      }
      fileOfName.set(config.name, file);
      configs.push(config);
    } catch (error) {
      if (!isConfigurationError(error)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) {
    throw new ConfigurationError('INVALID_CONFIG', `Invalid breaker configuration files in ${directory}`, problems);
  }
  return configs;
}

/**
 * Writes `config` to `<directory>/<name>.yaml` in the guide's format (every field, so the file does not depend on
 * the template's values of the day) and returns the file's path. The file is replaced atomically.
 */
export async function saveConfiguration(config: BreakerConfig, directory: string): Promise<string> {
  const text = formatConfigurationYaml(config);
  await mkdir(directory, { recursive: true });
  const file = join(directory, `${config.name}.yaml`);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, file);
  return file;
}
