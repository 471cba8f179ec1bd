/** Texts of the seat screens. */
export const seat = {};
