// Entry of the strict-CSP page (served by test/shop-server.mjs with a Content-Security-Policy
// header): registers the element and records every policy violation for the test to read.
import '../src/define.ts';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
(window as unknown as { violations: string[] }).violations = violations;
