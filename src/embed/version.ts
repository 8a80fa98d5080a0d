import { version as packageVersion } from '../../package.json';

/** The widget's version, from package.json (declared as a plain string in the published types). */
export const version: string = packageVersion;
