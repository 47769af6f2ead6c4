import { version } from '../package.json';

/** The extension's version, bundled in at build time. */
export const CLI_VERSION: string = version;
