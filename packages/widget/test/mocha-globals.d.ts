// The few mocha globals the browser tests use (web-test-runner runs mocha; @types/mocha is not a
// dependency, and a new one is not worth it for six declarations).
type MochaDone = (error?: unknown) => void;
type MochaBody = (this: { timeout(ms: number): void }, done: MochaDone) => unknown;
declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: MochaBody): void;
declare function before(body: MochaBody): void;
declare function after(body: MochaBody): void;
declare function beforeEach(body: MochaBody): void;
declare function afterEach(body: MochaBody): void;
