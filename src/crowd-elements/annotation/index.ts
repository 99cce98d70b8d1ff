// The annotation elements (issue #16): bounding boxes, keypoints, polygons, lines, segmentation,
// entity annotation. Each file defines and registers one element.
import './bounding-box.js';
import './keypoint.js';
import './polygon.js';
import './line.js';
import './semantic-segmentation.js';
import './entity-annotation.js';
