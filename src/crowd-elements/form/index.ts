// crowd-form and the form-like elements (issue #16): each file defines and registers its elements.
import './crowd-form.js';
import './crowd-button.js';
import './crowd-input.js';
import './crowd-checkbox.js';
import './crowd-radio.js';
import './crowd-slider.js';
import './crowd-classifier.js';
import './crowd-display.js';
import './crowd-modal.js';
import './crowd-tabs.js';
