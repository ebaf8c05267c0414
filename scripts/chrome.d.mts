/** Flags for a headless Chromium on a machine without network access. */
export declare const CHROME_ARGS: string[];
/** The browser executable to use; throws a message that says what to do when there is none. */
export declare function findChrome(): string;
