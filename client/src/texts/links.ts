/** The set-up screen's words about the address students' links and QR codes use (issue #11). */
export const links = {
  title: "Address for students",
  publicUrl: (url: string) => `Links, QR codes and sheets use ${url} (PUBLIC_URL, set by the operator).`,
  chooseLabel: "Links, QR codes and sheets use",
  chooseHint:
    "This computer's addresses on the network. Pick the one of the network the students' phones are on (the school Wi-Fi); this browser remembers it.",
  option: (origin: string, iface: string) => `${origin} (${iface})`,
  thisPage: "this page's address",
  localPage: (host: string) =>
    `This page is open at ${host}, which on a student's phone means the phone itself: links built from it would point nowhere. The links below use the address above instead.`,
  loopbackOnly:
    "This computer has no network address the students' phones could reach (only its own loopback). Connect it to the classroom's network, or ask the operator to set PUBLIC_URL, then reload.",
  loading: "Finding the address students can reach…",
  failed: (why: string) => `Could not ask the server for its addresses (${why}); the links use this page's address.`,
};

/** `/join`: a student who has a code but no link. */
export const joinByCode = {
  title: "Join with a code",
  intro: "Type the code on your card (upper or lower case, with or without the dash) and your name.",
  codeHint: "Ten letters and digits, like K7QM4-XRT9D.",
  typeAt: (url: string) => `Students without the QR code open ${url} and type the code on their card.`,
};
