import { AMAZON_CROWD_SCRIPT, type GalleryTemplate } from './model.js';

// Templates that turn what a worker hears or reads in a picture into text.

export const audioTranscription: GalleryTemplate = {
  id: 'audio-transcription',
  title: 'Transcribe an audio clip',
  category: 'Audio and transcription',
  description: 'Workers listen to a short recording and type what they hear.',
  html: `${AMAZON_CROWD_SCRIPT}
<crowd-form>
  <h2>Listen to the clip and write down what you hear</h2>
  <audio controls src="\${audio_url}" aria-label="The clip to transcribe"></audio>
  <crowd-text-area name="transcript" label="Transcript" rows="4" required></crowd-text-area>
  <crowd-checkbox name="unclear">Some of it was too unclear to hear</crowd-checkbox>
</crowd-form>`,
  // The sample clips are short tones generated for the gallery: replace them with your recordings.
  sampleRows: [{ audio_url: '/gallery/chime.wav' }, { audio_url: '/gallery/tone.wav' }],
};

export const imageTranscription: GalleryTemplate = {
  id: 'image-transcription',
  title: 'Transcribe text from an image',
  category: 'Audio and transcription',
  description: 'Workers copy the text of a receipt or note photographed as an image.',
  html: `${AMAZON_CROWD_SCRIPT}
<crowd-form>
  <h2>Type the text you see in the picture</h2>
  <img src="\${image_url}" alt="The text to transcribe" style="max-width: 100%; border: 1px solid #ccc">
  <crowd-text-area name="text" label="The text, line by line" rows="5" required></crowd-text-area>
  <crowd-input name="total" label="The total, if it is a receipt"></crowd-input>
</crowd-form>`,
  sampleRows: [{ image_url: '/gallery/receipt.svg' }, { image_url: '/gallery/note.svg' }],
};
