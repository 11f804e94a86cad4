/**
 * The version of the detector, recorded in each sidecar (`document.detector`) next to the suggestions it made,
 * so that a document whose text and detector are both unchanged can be skipped.
 *
 * Bump it whenever detection output can change for some text: rules, lexicons, reporting verbs, tokenizing,
 * overlap resolution, the built-in gazetteer or place data. test/unit/detectorVersion.test.ts fails when the
 * output on the sample articles changes under the same version; bump this and update the fingerprint there.
 */
export const DETECTOR_VERSION = '35';
