import { css } from 'lit';

/**
 * Styles of `<qenta-payment-form>`. Public `--qenta-*` custom properties are read once (on
 * `:host`) and mapped to private `--_x` variables; every other rule uses the private ones.
 * Written one rule per line on purpose: tagged-template CSS is not minified by bundlers, and the
 * element has a size budget.
 */
export const styles = css`
:host{--_accent:var(--qenta-accent-color,#1b5fd1);--_error:var(--qenta-error-color,#b3261e);--_border:1px solid var(--qenta-border-color,#8a8f98);--_radius:var(--qenta-radius,6px);--_gap:var(--qenta-gap,.75rem);display:block;min-height:var(--qenta-min-height,15rem);color:var(--qenta-text-color,#1d1d1f);font-family:var(--qenta-font-family,inherit)}
div,fieldset{display:grid;gap:var(--_gap)}
fieldset{border:0;margin:0;padding:0;min-width:0;display:flex;flex-wrap:wrap}
[part~=field]{flex:1 1 100%;gap:.25rem;position:relative;align-content:start}
.narrow{flex:1 1 6rem}
input,select,button{font:inherit;border:var(--_border);border-radius:var(--_radius);padding:.55rem .65rem;box-sizing:border-box}
input,select{color:inherit;background:var(--qenta-background,#fff);min-height:2.75rem;width:100%}
:focus-visible{outline:2px solid var(--_accent)}
[aria-invalid=true]{border-color:var(--_error)}
label{font-size:.875rem;color:var(--qenta-muted-color,#5c5f66)}
[part~=error],[part~=message]{color:var(--_error);font-size:.875rem;min-height:1.1em}
[part~=message]:empty{display:none}
.with-brand input{padding-right:3.25rem}
svg{font:700 10px sans-serif}
.with-brand svg{position:absolute;right:.5rem;top:1.9rem}
.loading input:not(:focus){background:var(--qenta-skeleton-color,#e6e8eb);border-color:transparent}
[part~=summary]{display:flex;align-items:center;border:var(--_border);border-radius:var(--_radius);padding:var(--_gap)}
p{margin:0;flex:1}
button{color:var(--_accent);background:none;cursor:pointer;justify-self:start}
::slotted(*){min-height:250px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
`;
