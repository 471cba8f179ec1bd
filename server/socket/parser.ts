import { Decoder as DefaultDecoder, Encoder as DefaultEncoder, PacketType } from "socket.io-parser";

/**
 * Socket.IO's own parser (the wire format any Socket.IO client speaks, unchanged), with two
 * shortcuts on the hot path (issue #13, docs/performance.md):
 *
 * - An event argument that is already JSON (`Encoded`, built by encodeShared.ts with the parts a
 *   whole audience shares encoded once) is spliced into the packet as it is, instead of walked
 *   for binary and stringified again for every socket.
 * - A received event's payload remembers the size of the frame it came in (`frameBytes`), so the
 *   gateway checks a move's size without serialising it again.
 *
 * The packets are byte for byte what the default parser makes (tests/server/fanOut.test.ts).
 */

/** JSON text that goes onto the wire as it is. */
export class Encoded {
  constructor(readonly json: string) {}
}

/** What an emit of `Encoded` is declared as: the message it is the JSON of (shared/contract). */
export const asSent = <T>(message: Encoded | T): T => message as T;

type Packet = { type: number; nsp?: string; id?: number; data?: unknown };

class Encoder extends DefaultEncoder {
  override encode(packet: Packet): unknown[] {
    const data = packet.data;
    if (packet.type === PacketType.EVENT && Array.isArray(data) && data.length === 2 && data[1] instanceof Encoded) {
      let head = `${packet.type}`;
      if (packet.nsp && packet.nsp !== "/") head += `${packet.nsp},`;
      if (packet.id !== undefined && packet.id !== null) head += packet.id;
      return [`${head}[${JSON.stringify(data[0])},${data[1].json}]`];
    }
    return super.encode(packet as never);
  }
}

const sizes = new WeakMap<object, number>();

/** The bytes of the frame an event's argument arrived in, if it is an object that arrived so. */
export function frameBytes(payload: unknown): number | undefined {
  return typeof payload === "object" && payload !== null ? sizes.get(payload) : undefined;
}

class Decoder extends DefaultDecoder {
  /** The bytes of the frame being decoded: `decoded` is emitted within `add`, synchronously. */
  private bytes = 0;

  override add(frame: unknown): void {
    this.bytes = typeof frame === "string" ? Buffer.byteLength(frame) : 0;
    super.add(frame);
  }

  // Socket.IO's client listens for `decoded`; each event's object arguments are tagged first.
  // biome-ignore lint/suspicious/noExplicitAny: the emitter's listener signature, as the base declares it
  override on(event: any, listener: (...args: any[]) => void): this {
    if (event !== "decoded") return super.on(event, listener);
    const tagging = (packet: Packet) => {
      if (packet.type === PacketType.EVENT && Array.isArray(packet.data) && this.bytes > 0) {
        for (const arg of packet.data) if (typeof arg === "object" && arg !== null) sizes.set(arg, this.bytes);
      }
      listener(packet);
    };
    // The emitter removes a wrapped listener by its `fn` (Socket.IO's client does, on close).
    return super.on(event, Object.assign(tagging, { fn: listener }));
  }
}

/** The `parser` option of Socket.IO's Server. */
export const wireParser = { Encoder, Decoder, PacketType, protocol: 5 };
