/** Texts of the facilitator screens. */
export const facilitator = {};
