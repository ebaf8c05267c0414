import { css } from 'lit';

/**
 * Styles of `<qenta-payment-form>`. Public `--qenta-*` custom properties are read once here and
 * mapped to private `--_x` variables; everything else uses the private ones.
 */
export const styles = css`
  :host {
    --_accent: var(--qenta-accent-color, #1b5fd1);
    --_text: var(--qenta-text-color, #1d1d1f);
    --_muted: var(--qenta-muted-color, #5c5f66);
    --_error: var(--qenta-error-color, #b3261e);
    --_bg: var(--qenta-background, #fff);
    --_border: var(--qenta-border-color, #8a8f98);
    --_radius: var(--qenta-radius, 6px);
    --_gap: var(--qenta-gap, 0.75rem);
    --_font: var(--qenta-font-family, inherit);
    --_min-height: var(--qenta-min-height, 15rem);
    --_skeleton: var(--qenta-skeleton-color, #e6e8eb);
    display: block;
    min-height: var(--_min-height);
    color: var(--_text);
    font-family: var(--_font);
  }
  :host([hidden]) {
    display: none;
  }
  [part~='base'] {
    display: grid;
    gap: var(--_gap);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    min-width: 0;
  }
  [part~='field'] {
    flex: 1 1 100%;
    display: grid;
    gap: 0.25rem;
    position: relative;
  }
  [part~='field'].narrow {
    flex: 1 1 6rem;
  }
  [part~='input'],
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.55rem 0.65rem;
    min-height: 2.75rem;
    box-sizing: border-box;
    width: 100%;
  }
  [part~='input']:focus-visible,
  select:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  [part~='input'][aria-invalid='true'] {
    border-color: var(--_error);
  }
  [part~='label'] {
    font-size: 0.875rem;
    color: var(--_muted);
  }
  [part~='error'],
  [part~='message'] {
    color: var(--_error);
    font-size: 0.875rem;
    min-height: 1.1em;
  }
  [part~='message']:empty {
    display: none;
  }
  .with-brand [part~='input'] {
    padding-right: 3.25rem;
  }
  .with-brand svg {
    position: absolute;
    right: 0.5rem;
    top: 1.9rem;
  }
  .loading [part~='input'],
  .loading select {
    background: var(--_skeleton);
    border-color: transparent;
    animation: pulse 1.2s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.55;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .loading [part~='input'] {
      animation: none;
    }
  }
  [part~='summary'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_gap);
  }
  [part~='summary'] dl {
    margin: 0;
    flex: 1;
  }
  [part~='summary'] dd {
    margin: 0;
  }
  button {
    font: inherit;
    color: var(--_accent);
    background: none;
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    padding: 0.45rem 0.8rem;
    cursor: pointer;
  }
  [part~='load-error'] {
    display: grid;
    gap: var(--_gap);
    justify-items: start;
  }
  ::slotted([slot='frame']) {
    display: block;
    width: 100%;
    min-height: 250px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
