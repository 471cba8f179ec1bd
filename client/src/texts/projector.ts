/** Texts of the projector screens. */
export const projector = {};
