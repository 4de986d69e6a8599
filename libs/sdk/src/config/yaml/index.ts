export { loadConfigurationsFromDirectory, saveConfiguration } from './configuration-files.js';
export { formatConfigurationYaml, parseConfigurationYaml } from './configuration-yaml.js';
