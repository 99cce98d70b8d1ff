import { css } from 'lit';

/** The look shared by the annotation elements: toolbar, stage (image + overlay), messages. */
export const annotationStyles = css`
  :host {
    display: block;
    font:
      14px/1.4 system-ui,
      sans-serif;
    color: #1a1b1e;
  }
  .header {
    font-weight: 600;
    font-size: 16px;
    margin: 0 0 8px;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 16px;
    align-items: center;
    margin-bottom: 8px;
  }
  fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    border: 1px solid #ced4da;
    border-radius: 4px;
    padding: 4px 8px;
    margin: 0;
  }
  legend {
    font-size: 12px;
    color: #495057;
  }
  .label-option {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    cursor: pointer;
  }
  .swatch {
    width: 12px;
    height: 12px;
    border-radius: 2px;
    display: inline-block;
  }
  button {
    font: inherit;
    padding: 4px 10px;
    border: 1px solid #1864ab;
    border-radius: 4px;
    background: #fff;
    color: #1864ab;
    cursor: pointer;
  }
  button:disabled {
    color: #495057;
    border-color: #adb5bd;
    cursor: default;
  }
  button:focus-visible,
  input:focus-visible,
  .shape:focus-visible,
  canvas:focus-visible,
  .text:focus-visible {
    outline: 3px solid #f08c00;
    outline-offset: 2px;
  }
  .stage {
    position: relative;
    display: inline-block;
    max-width: 100%;
    line-height: 0;
  }
  .stage img {
    display: block;
    max-width: 100%;
    max-height: 75vh;
    width: auto;
    height: auto;
    user-select: none;
    -webkit-user-drag: none;
  }
  .overlay {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    touch-action: none;
    cursor: crosshair;
  }
  .shape {
    cursor: move;
    outline: none;
  }
  .handle {
    fill: #fff;
    stroke: #1a1b1e;
  }
  .problem {
    color: #c92a2a;
    font-weight: 600;
  }
  .hint {
    font-size: 12px;
    color: #495057;
    margin: 4px 0 0;
  }
  .live {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
