import { css } from 'lit';

/**
 * Styles of `<qenta-payment-form>`. Public `--qenta-*` custom properties are read once (on
 * `:host`) and mapped to private `--_x` variables; every other rule uses the private ones.
 * Written one rule per line on purpose: tagged-template CSS is not minified by bundlers, and the
 * element has a size budget.
 */
export const styles = css`
:host{--_accent:var(--qenta-accent-color,#1b5fd1);--_text:var(--qenta-text-color,#1d1d1f);--_muted:var(--qenta-muted-color,#5c5f66);--_error:var(--qenta-error-color,#b3261e);--_bg:var(--qenta-background,#fff);--_border:var(--qenta-border-color,#8a8f98);--_radius:var(--qenta-radius,6px);--_gap:var(--qenta-gap,.75rem);--_skeleton:var(--qenta-skeleton-color,#e6e8eb);display:block;min-height:var(--qenta-min-height,15rem);color:var(--_text);font-family:var(--qenta-font-family,inherit)}
:host([hidden]){display:none}
[part~=base],[part~=field]{display:grid;gap:var(--_gap)}
fieldset{border:0;margin:0;padding:0;min-width:0;display:flex;flex-wrap:wrap;gap:var(--_gap)}
[part~=field]{flex:1 1 100%;gap:.25rem;position:relative}
.narrow{flex:1 1 6rem}
input,select{font:inherit;color:var(--_text);background:var(--_bg);border:1px solid var(--_border);border-radius:var(--_radius);padding:.55rem .65rem;min-height:2.75rem;box-sizing:border-box;width:100%}
:focus-visible{outline:2px solid var(--_accent);outline-offset:1px}
[aria-invalid=true]{border-color:var(--_error)}
[part~=label]{font-size:.875rem;color:var(--_muted)}
[part~=error],[part~=message]{color:var(--_error);font-size:.875rem;min-height:1.1em}
[part~=message]:empty{display:none}
.with-brand input{padding-right:3.25rem}
.with-brand svg{position:absolute;right:.5rem;top:1.9rem}
.loading input,.loading select{background:var(--_skeleton);border-color:transparent;animation:p 1.2s infinite}
@keyframes p{50%{opacity:.55}}
@media (prefers-reduced-motion:reduce){.loading input{animation:none}}
[part~=summary]{display:flex;flex-wrap:wrap;align-items:center;gap:var(--_gap);border:1px solid var(--_border);border-radius:var(--_radius);padding:var(--_gap)}
dl,dd{margin:0}
dl{flex:1}
button{font:inherit;color:var(--_accent);background:none;border:1px solid;border-radius:var(--_radius);padding:.45rem .8rem;cursor:pointer}
[part~=load-error]{display:grid;gap:var(--_gap);justify-items:start}
::slotted([slot=frame]){display:block;width:100%;min-height:250px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;
