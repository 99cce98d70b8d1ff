import { AMAZON_CROWD_SCRIPT, type GalleryTemplate } from './model.js';

// Templates about a picture: what it shows, and where in it things are.

export const imageClassification: GalleryTemplate = {
  id: 'image-classification',
  title: 'Classify an image',
  category: 'Images',
  description: 'Workers look at a picture and choose the one category it belongs to.',
  html: `${AMAZON_CROWD_SCRIPT}
<crowd-form>
  <crowd-image-classifier name="category" src="\${image_url}"
    categories="['Apple', 'Banana', 'Pear', 'None of these']" header="Which fruit is this?">
    <short-instructions>Choose the fruit in the picture.</short-instructions>
    <full-instructions header="Fruit">
      <p>Choose "None of these" when the picture shows no fruit or a different one.</p>
    </full-instructions>
  </crowd-image-classifier>
</crowd-form>`,
  sampleRows: [
    { image_url: '/gallery/apple.svg' },
    { image_url: '/gallery/banana.svg' },
    { image_url: '/gallery/pear.svg' },
  ],
};

export const boundingBox: GalleryTemplate = {
  id: 'bounding-box',
  title: 'Draw boxes around objects',
  category: 'Images',
  description: 'Workers draw a labelled box around every vehicle in a picture.',
  html: `${AMAZON_CROWD_SCRIPT}
<crowd-form>
  <crowd-bounding-box name="annotatedResult" src="\${image_url}"
    header="Draw a box around each vehicle" labels="['car', 'van']">
    <short-instructions>Choose the label, then drag a box from corner to corner.</short-instructions>
    <full-instructions header="Vehicles">
      <p>Boxes should touch the vehicle's edges. Draw one box per vehicle.</p>
    </full-instructions>
  </crowd-bounding-box>
</crowd-form>`,
  sampleRows: [{ image_url: '/gallery/street.svg' }, { image_url: '/gallery/street.svg' }],
};

export const keypoints: GalleryTemplate = {
  id: 'keypoints',
  title: 'Mark keypoints on a figure',
  category: 'Images',
  description: 'Workers click the head, the hands and the feet of a figure, in order.',
  html: `${AMAZON_CROWD_SCRIPT}
<crowd-form>
  <crowd-keypoint name="pose" src="\${image_url}" header="Mark each point on the figure"
    keypoints="['head', 'left hand', 'right hand', 'left foot', 'right foot']">
    <short-instructions>Click each point in the order listed; left and right are the figure's own.</short-instructions>
    <full-instructions header="Pose">
      <p>Place a point at the centre of the head and at the tip of each hand and foot.</p>
    </full-instructions>
  </crowd-keypoint>
</crowd-form>`,
  sampleRows: [{ image_url: '/gallery/figure.svg' }, { image_url: '/gallery/figure.svg' }],
};

export const polygon: GalleryTemplate = {
  id: 'polygon',
  title: 'Outline regions with polygons',
  category: 'Images',
  description: 'Workers trace the outline of each lake and field in an aerial picture.',
  html: `${AMAZON_CROWD_SCRIPT}
<crowd-form>
  <crowd-polygon name="regions" src="\${image_url}" header="Outline every lake and field"
    labels="['lake', 'field']">
    <short-instructions>Click around the region's edge; click the first point again to close it.</short-instructions>
    <full-instructions header="Regions">
      <p>Follow the edge closely; one polygon per region.</p>
    </full-instructions>
  </crowd-polygon>
</crowd-form>`,
  sampleRows: [{ image_url: '/gallery/lake.svg' }, { image_url: '/gallery/lake.svg' }],
};
