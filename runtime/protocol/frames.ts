/**
 * Every byte the runtime puts on a wire, in one place.
 *
 * Three kinds of datagram travel between the components, whatever the transport:
 *
 *  1. STREAM PACKET (sequencer → every node, and replayer → one node as a repair):
 *     a MoldUDP64 downstream packet, so standard tools (Wireshark's moldudp64 dissector) read the stream.
 *     Header fields are BIG-endian, as MoldUDP64 requires.
 *
 *       offset  size  field
 *       0       10    session          ASCII, YYMMDDHHmm (e.g. "2607252236"); right-padded with spaces if shorter
 *       10      8     sequence         u64 BE: sequence number of the first message block in this packet
 *       18      2     count            u16 BE: number of message blocks; 0 = heartbeat, 0xFFFF = end of session
 *       20      ...   message blocks   each: u16 BE block length, then that many bytes (below)
 *
 *     In a heartbeat (count 0) and an end of session (count 0xFFFF) `sequence` is the NEXT sequence the
 *     sequencer will publish, so a receiver that has not seen `sequence - 1` knows it lost the tail.
 *
 *     Each message block is our SEQUENCED-MESSAGE HEADER followed by the payload. The header is
 *     LITTLE-endian, like the SBE payload behind it:
 *
 *       offset  size  field
 *       0       8     timestamp        u64 LE: the sequencer's clock, nanoseconds since the Unix epoch
 *       8       8     account          ASCII, NUL-padded: the account that sent the command, or the
 *                                      sequencer's own account for messages it generates
 *       16      8     commandNumber    u64 LE: the sender's number for this command (1, 2, 3 … per account);
 *                                      0 for unnumbered commands (heartbeats, activation) and for messages
 *                                      the sequencer generates
 *       24      2     instance         u16 LE: the sending instance of the account (hot-hot instances share
 *                                      an account and differ here); 0 for the sequencer
 *       26      1     flags            bit 7 BEGIN, bit 6 END of a fragmented message: 0xC0 = a whole message;
 *                                      0x80 first, 0x00 middle, 0x40 last fragment of a message larger than
 *                                      a datagram (fragments of one message have consecutive command numbers
 *                                      of one account; other accounts' messages may come in between)
 *       27      1     reserved         0
 *       28      4     reserved         0
 *       32      ...   payload          one SBE message (8-byte SBE header + body), application or internal
 *
 *  2. COMMAND PACKET (node → sequencer). LITTLE-endian. Several commands per packet (batching).
 *
 *       offset  size  field
 *       0       2     magic            u16 LE 0x4343 ("CC")
 *       2       1     version          1
 *       3       1     fragment flags   0: every block is a whole command. Bit 5 set (0x20): the packet holds
 *                                      exactly one block, a fragment of a larger command, with bit 7 BEGIN and
 *                                      bit 6 END as in the stream header (0xA0 first, 0x20 middle, 0x60 last)
 *       4       8     account          ASCII, NUL-padded
 *       12      2     instance         u16 LE
 *       14      2     count            u16 LE: number of command blocks (at least 1)
 *       16      ...   command blocks   each: u16 LE block length (8 + payload), u64 LE commandNumber, payload
 *
 *  3. RETRANSMIT REQUEST (node → replayer): exactly a MoldUDP64 request packet, BIG-endian, 20 bytes:
 *     session (10), first wanted sequence (u64 BE), requested message count (u16 BE, 1 … 0xFFFE).
 *     The replayer answers with ordinary stream packets sent only to the requester.
 *
 * Integers of 64 bits are read and written as two 32-bit halves: no BigInt on the hot paths. Sequence numbers
 * and command numbers are safe integers (below 2^53); timestamps are full u64 (see timestamp.ts).
 */

/** The largest datagram any component sends: fits an Ethernet MTU with IP and UDP headers, as MoldUDP64 advises. */
export const MAX_DATAGRAM_LENGTH = 1400;

// ---- stream packets (MoldUDP64) -------------------------------------------------------------------------

export const SESSION_LENGTH = 10;
export const MOLD_SESSION_OFFSET = 0;
export const MOLD_SEQUENCE_OFFSET = 10;
export const MOLD_COUNT_OFFSET = 18;
export const MOLD_HEADER_LENGTH = 20;
/** Each message block is preceded by its length (u16 BE). */
export const MOLD_BLOCK_LENGTH_SIZE = 2;
/** `count` of a heartbeat packet. */
export const MOLD_COUNT_HEARTBEAT = 0;
/** `count` of an end-of-session packet. */
export const MOLD_COUNT_END_OF_SESSION = 0xffff;
/** Largest `count` of a data packet. */
export const MOLD_MAX_COUNT = 0xfffe;

// ---- the sequenced-message header inside each block ------------------------------------------------------

export const MSG_TIMESTAMP_OFFSET = 0;
export const MSG_ACCOUNT_OFFSET = 8;
export const MSG_COMMAND_NUMBER_OFFSET = 16;
export const MSG_INSTANCE_OFFSET = 24;
export const MSG_FLAGS_OFFSET = 26;
export const MSG_HEADER_LENGTH = 32;
export const FLAG_BEGIN = 0x80;
export const FLAG_END = 0x40;
export const FLAGS_WHOLE_MESSAGE = FLAG_BEGIN | FLAG_END;

/** Account names: 1 to 8 characters among A–Z, a–z, 0–9, `_` and `-`. */
export const ACCOUNT_LENGTH = 8;

// ---- command packets ---------------------------------------------------------------------------------------

export const CMD_MAGIC = 0x4343;
export const CMD_VERSION = 1;
export const CMD_MAGIC_OFFSET = 0;
export const CMD_VERSION_OFFSET = 2;
export const CMD_FLAGS_OFFSET = 3;
/** Command packet flags: the packet's one block is a fragment (BEGIN/END bits as in the stream header). */
export const CMD_FLAG_FRAGMENT = 0x20;
export const CMD_ACCOUNT_OFFSET = 4;
export const CMD_INSTANCE_OFFSET = 12;
export const CMD_COUNT_OFFSET = 14;
export const CMD_HEADER_LENGTH = 16;
/** Block = u16 length + u64 command number + payload. */
export const CMD_BLOCK_LENGTH_SIZE = 2;
export const CMD_BLOCK_NUMBER_SIZE = 8;
export const CMD_BLOCK_OVERHEAD = CMD_BLOCK_LENGTH_SIZE + CMD_BLOCK_NUMBER_SIZE;

// ---- retransmit requests (MoldUDP64 request packet) --------------------------------------------------------

export const REQUEST_LENGTH = 20;
export const REQUEST_SESSION_OFFSET = 0;
export const REQUEST_SEQUENCE_OFFSET = 10;
export const REQUEST_COUNT_OFFSET = 18;
export const REQUEST_MAX_COUNT = 0xfffe;

// ---- payload ---------------------------------------------------------------------------------------------

/** Every payload starts with an SBE message header (blockLength, templateId, schemaId, version: u16 LE each). */
export const SBE_HEADER_LENGTH = 8;
export const SBE_TEMPLATE_ID_OFFSET = 2;
export const SBE_SCHEMA_ID_OFFSET = 4;
/** Schema ids from here up are the runtime's own (runtime/protocol/internal.idl uses 65001). */
export const RESERVED_SCHEMA_ID_MIN = 65000;

/**
 * The largest payload that fits one stream packet with one block: larger commands travel as fragments of at
 * most this size (see runtime/node/fragments.ts).
 */
export const MAX_PAYLOAD_LENGTH = MAX_DATAGRAM_LENGTH - MOLD_HEADER_LENGTH - MOLD_BLOCK_LENGTH_SIZE - MSG_HEADER_LENGTH;

// ---- replayer discovery (UDP transport; multicast on the discovery group) -----------------------------------
//
//  4. DISCOVERY PACKET: replay services announce themselves; nodes ask. BIG-endian, 16 bytes:
//
//       offset  size  field
//       0       2     magic            u16 BE 0x4344 ("CD")
//       2       1     version          1
//       3       1     type             1 = announce (a replay service), 2 = query (a node asks who is there)
//       4       1     priority         announce: higher is preferred (replayers 1, a sequencer's own service 0)
//       5       1     reserved         0
//       6       2     udp port         u16 BE: where the service takes retransmit requests (0 in a query)
//       8       2     tcp port         u16 BE: where it serves TCP rewinds (0 = none)
//       10      2     reserved         0
//       12      4     address          IPv4 of the service, network order (0 in a query)

export const DISCOVERY_MAGIC = 0x4344;
export const DISCOVERY_VERSION = 1;
export const DISCOVERY_LENGTH = 16;
export const DISCOVERY_TYPE_ANNOUNCE = 1;
export const DISCOVERY_TYPE_QUERY = 2;
export const DISCOVERY_MAGIC_OFFSET = 0;
export const DISCOVERY_VERSION_OFFSET = 2;
export const DISCOVERY_TYPE_OFFSET = 3;
export const DISCOVERY_PRIORITY_OFFSET = 4;
export const DISCOVERY_UDP_PORT_OFFSET = 6;
export const DISCOVERY_TCP_PORT_OFFSET = 8;
export const DISCOVERY_ADDRESS_OFFSET = 12;

// ---- TCP rewind (SoupBinTCP 3.00 framing) ----------------------------------------------------------------
//
//  5. REWIND SESSION over TCP (node → replayer): SoupBinTCP logical packets, u16 BE length (= 1 + payload),
//     u8 type, payload.
//       node → replayer   'L' Login Request: username (6, spaces), password (10, spaces), requested session
//                             (10; all spaces = the replayer's current session), requested sequence number
//                             (20 ASCII digits, right-aligned, space-padded): the first message wanted.
//       replayer → node   'A' Login Accepted: session (10), sequence number (20 ASCII digits): the first sent.
//                         'J' Login Rejected: 'S' = session not available.
//                         'S' Sequenced Data: the payload is one whole MoldUDP64 stream packet (packet 1 above),
//                             so the node reads rewind and live traffic with the same code.
//                         'Z' End of Session: the replayer has sent everything it held when it caught up with
//                             its own tail; it then closes. The node takes the rest from the live stream and
//                             asks for any hole in between with retransmit requests.

export const SOUP_LENGTH_SIZE = 2;
export const SOUP_TYPE_LOGIN_REQUEST = 0x4c; // 'L'
export const SOUP_TYPE_LOGIN_ACCEPTED = 0x41; // 'A'
export const SOUP_TYPE_LOGIN_REJECTED = 0x4a; // 'J'
export const SOUP_TYPE_SEQUENCED_DATA = 0x53; // 'S'
export const SOUP_TYPE_END_OF_SESSION = 0x5a; // 'Z'
export const SOUP_LOGIN_REQUEST_LENGTH = 1 + 6 + 10 + 10 + 20;
export const SOUP_LOGIN_ACCEPTED_LENGTH = 1 + 10 + 20;
