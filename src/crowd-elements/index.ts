// Tessera's crowd-html-elements: the bundle a task frame loads in place of
// https://assets.crowd.aws/crowd-html-elements.js. Each group registers its own elements.
import './form/index.js';
import './annotation/index.js';
