// crowd-form and the form-like elements (issue #16): each file defines and registers one element.
export {};
