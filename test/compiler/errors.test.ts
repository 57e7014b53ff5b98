// Every kind of schema error: its own message, at its exact line, column and length.
import { describe, expect, it } from "vitest";
import { errorsOf, lines, where } from "./helpers.js";

interface Case {
  name: string;
  text: string;
  /** "line:col+length" of the one error expected. */
  at: string;
  message: RegExp;
}

/** A schema header and one message, TYPE/SUBTYPE given; `body` lines start at line 6. */
const message = (...body: string[]) => lines("SCHEMA = T", "VERSION = 2", "MESSAGE M", "    TYPE = A", "    SUBTYPE = B", ...body);

const cases: Case[] = [
  // types
  { name: "unknown type, with the closest known type", text: message("    qty: unit"), at: "6:10+4", message: /unknown type 'unit'; did you mean 'uint'\?/ },
  { name: "unknown type close to a declared enum", text: lines("ENUM Side: char", "    Buy = 'B'", "TYPE = A", "SUBTYPE = B", "s: Sdie"), at: "5:4+4", message: /did you mean 'Side'\?/ },
  { name: "chars without a length", text: message("    a: chars"), at: "6:8+5", message: /chars\(n\) needs its length n/ },
  { name: "chars(0)", text: message("    a: chars(0)"), at: "6:14+1", message: /0 is out of range: the length of chars\(n\) must be 1\.\.65535/ },
  { name: "bytes too long", text: message("    a: bytes(70000)"), at: "6:14+5", message: /70000 is out of range/ },
  { name: "varchars without a max", text: message("    a: varchars"), at: "6:8+8", message: /varchars\(max\) needs the largest length/ },
  { name: "varbytes max above 2^30", text: message("    a: varbytes(1073741825)"), at: "6:17+10", message: /must be 1\.\.1073741824/ },
  { name: "float(p) out of range", text: message("    a: float(10)"), at: "6:14+2", message: /float\(p\) keeps p decimal places, 1\.\.9; for more places use double\(p\)/ },
  { name: "double(p) out of range", text: message("    a: double(19)"), at: "6:15+2", message: /double\(p\) keeps p decimal places, 1\.\.18/ },
  { name: "argument to a type that takes none", text: message("    a: int(4)"), at: "6:12+1", message: /int takes no argument/ },
  { name: "unknown constant", text: message("    a: chars(SYM_LEN)"), at: "6:14+7", message: /unknown constant 'SYM_LEN'.*CONST SYM_LEN = 8/ },
  { name: "unknown qualified constant, suggested by its last segment", text: lines("CONST SYM_LEN = 8", "TYPE = A", "SUBTYPE = B", "a: chars(com.x.SYM_LNE)"), at: "4:10+13", message: /unknown constant 'com\.x\.SYM_LNE'; did you mean 'SYM_LEN'\?/ },
  { name: "an enum used as a size", text: lines("ENUM E: byte", "    A = 1", "TYPE = A", "SUBTYPE = B", "a: chars(E)"), at: "5:10+1", message: /'E' is an ENUM, not a CONST/ },
  { name: "a constant used as a type", text: lines("CONST N = 3", "TYPE = A", "SUBTYPE = B", "a: N"), at: "4:4+1", message: /'N' is a CONST, not a type/ },
  { name: "enum through the wrong wrapper", text: lines("ENUM Side: char", "    Buy = 'B'", "TYPE = A", "SUBTYPE = B", "s: intEnum(Side)"), at: "5:12+4", message: /Side is a char enum, so it is used as charEnum\(Side\) \(or just `Side`\), not intEnum\(Side\)/ },
  { name: "a set through an enum wrapper", text: lines("SET F: uint8", "    A = 0", "TYPE = A", "SUBTYPE = B", "f: charEnum(F)"), at: "5:13+1", message: /'F' is a SET, not an ENUM/ },
  { name: "one open enum through two wrappers", text: lines("TYPE = A", "SUBTYPE = B", "a: charEnum(V)", "b: shortEnum(V)"), at: "4:14+1", message: /V is used as charEnum\(V\) on line 3; an enum has one encoding/ },

  // names
  { name: "duplicate field in a block", text: message("    a: int", "    a: long"), at: "7:5+1", message: /'a' is already declared in this block \(line 6\)/ },
  { name: "duplicate field inside a group", text: message("    g:", "        x: int", "        x: int"), at: "8:9+1", message: /'x' is already declared in this block \(line 7\)/ },
  { name: "member clashing with a generated accessor", text: message("    price: double(4)", "    priceRaw: long"), at: "7:5+8", message: /'priceRaw' clashes with 'price' \(line 6\): both would generate an accessor named priceRaw\(\)/ },
  { name: "member named like a generated method", text: message("    wrap: int"), at: "6:5+4", message: /'wrap' is a method of every generated encoder and decoder/ },
  { name: "duplicate message name", text: lines("MESSAGE M", "    ID = 1", "MESSAGE M", "    ID = 2"), at: "3:9+1", message: /message 'M' is already declared on line 1/ },
  { name: "duplicate enum", text: lines("ENUM E: char", "    A = 'A'", "ENUM E: char", "    B = 'B'"), at: "3:6+1", message: /'E' is already declared \(ENUM on line 1\)/ },
  { name: "a set named like an enum", text: lines("ENUM E: char", "    A = 'A'", "SET E: uint8", "    B = 1"), at: "3:5+1", message: /'E' is already declared \(ENUM on line 1\)/ },
  { name: "duplicate constant", text: lines("CONST N = 1", "CONST N = 2"), at: "2:7+1", message: /'N' is already declared \(CONST on line 1\)/ },
  { name: "duplicate enum value", text: lines("ENUM E: char", "    A = 'A'", "    A = 'B'"), at: "3:5+1", message: /enum value 'A' is already declared on line 2/ },
  { name: "duplicate set choice", text: lines("SET S: uint8", "    A = 0", "    A = 1"), at: "3:5+1", message: /set choice 'A' is already declared on line 2/ },
  { name: "reserved word as an enum name", text: lines("ENUM class: byte", "    A = 1"), at: "1:6+5", message: /'class' is a reserved word/ },

  // codes and bits
  { name: "duplicate enum code", text: lines("ENUM E: char", "    A = 'A'", "    B = 'A'"), at: "3:9+3", message: /code 'A' is already used by 'A' \(line 2\)/ },
  { name: "char enum value of two chars", text: lines("ENUM E: char", "    A = 'AB'"), at: "2:9+4", message: /a char enum value is one printable ASCII character in quotes \('B'\), not 'AB'/ },
  { name: "char enum value unquoted", text: lines("ENUM E: char", "    A = 0"), at: "2:9+1", message: /in quotes \('B'\), not 0/ },
  { name: "char enum value not printable ASCII", text: lines("ENUM E: char", "    A = 'é'"), at: "2:9+3", message: /one printable ASCII character/ },
  { name: "char enum value missing its closing quote", text: lines("ENUM E: char", "    A = 'B"), at: "2:9+2", message: /missing closing quote '/ },
  { name: "twoChar value of one char", text: lines("ENUM E: twoChar", '    A = "X"'), at: "2:9+3", message: /a twoChar enum value is two printable ASCII characters in quotes/ },
  { name: "short value out of range", text: lines("ENUM E: short", "    A = 40000"), at: "2:9+5", message: /40000 is out of range for a short enum: codes must be -32767\.\.32767/ },
  { name: "short value equal to the null sentinel", text: lines("ENUM E: short", "    A = -32768"), at: "2:9+6", message: /-32768 is the null value of a short enum/ },
  { name: "byte value equal to the null sentinel", text: lines("ENUM E: byte", "    A = 255"), at: "2:9+3", message: /255 is the null value of a byte enum/ },
  { name: "byte value negative", text: lines("ENUM E: byte", "    A = -1"), at: "2:9+2", message: /-1 is out of range for a byte enum: codes must be 0\.\.254/ },
  { name: "int value out of range", text: lines("ENUM E: int", "    A = 0x80000000"), at: "2:9+10", message: /2147483648 is out of range for a int enum/ },
  { name: "int value not a number", text: lines("ENUM E: int", "    A = 'x'"), at: "2:9+3", message: /a int enum value is a whole number/ },
  { name: "unknown enum encoding", text: lines("ENUM E: chr", "    A = 'A'"), at: "1:9+3", message: /unknown enum encoding 'chr'; did you mean 'char'\?/ },
  { name: "enum without values", text: lines("ENUM E: char"), at: "1:6+1", message: /ENUM E has no values/ },
  { name: "duplicate set bit", text: lines("SET S: uint16", "    A = 3", "    B = 3"), at: "3:9+1", message: /bit 3 is already used by 'A' \(line 2\)/ },
  { name: "set bit out of range for its width", text: lines("SET S: uint8", "    A = 8"), at: "2:9+1", message: /bit position 8 is out of range for a uint8 set: use 0\.\.7/ },
  { name: "set without choices", text: lines("SET S: uint32"), at: "1:5+1", message: /SET S has no choices/ },
  { name: "unknown set encoding", text: lines("SET S: uint64", "    A = 0"), at: "1:8+6", message: /unknown set encoding 'uint64'/ },

  // template ids and headers
  { name: "duplicate TYPE/SUBTYPE pair", text: lines("MESSAGE A", "    TYPE = X", "    SUBTYPE = Y", "MESSAGE B", "    TYPE = X", "    SUBTYPE = Y"), at: "6:15+1", message: /TYPE 'X' SUBTYPE 'Y' is already used by message 'A' \(line 1\)/ },
  { name: "duplicate explicit template id", text: lines("MESSAGE A", "    ID = 7", "MESSAGE B", "    ID = 7"), at: "4:10+1", message: /template id 7 \(0x7\) is already used by message 'A' on line 1/ },
  { name: "ID equal to another message's TYPE/SUBTYPE id", text: lines("MESSAGE A", "    TYPE = A", "    SUBTYPE = B", "MESSAGE B", "    ID = 16706"), at: "5:10+5", message: /template id 16706 \(0x4142\) is already used by message 'A' \(TYPE 'A' SUBTYPE 'B'\)/ },
  { name: "TYPE of two characters", text: lines("MESSAGE A", "    TYPE = AB", "    SUBTYPE = C"), at: "2:12+2", message: /TYPE must be exactly one printable ASCII character/ },
  { name: "SUBTYPE missing", text: lines("MESSAGE A", "    TYPE = X", "    x: int"), at: "1:9+1", message: /message 'A' has TYPE but no SUBTYPE/ },
  { name: "message without TYPE/SUBTYPE or ID", text: lines("MESSAGE A", "    x: int"), at: "1:9+1", message: /message 'A' has no template id: add `TYPE = X` and `SUBTYPE = Y`/ },
  { name: "one-message file without TYPE/SUBTYPE", text: lines("CLASSNAME = a.b.Quote", "x: int"), at: "1:1+9", message: /message 'Quote' has no template id: .* lines at the top of the file/ },
  { name: "both ID and TYPE/SUBTYPE", text: lines("MESSAGE A", "    TYPE = X", "    SUBTYPE = Y", "    ID = 3"), at: "4:10+1", message: /has both ID and TYPE\/SUBTYPE/ },
  { name: "ID out of range", text: lines("MESSAGE A", "    ID = 65536"), at: "2:10+5", message: /ID = 65536 is out of range: the message's SBE template id must be 1\.\.65535/ },
  { name: "ID zero", text: lines("MESSAGE A", "    ID = 0"), at: "2:10+1", message: /ID = 0 is out of range/ },
  { name: "SCHEMA_ID out of range", text: lines("SCHEMA_ID = 70000"), at: "1:13+5", message: /SCHEMA_ID = 70000 is out of range: the SBE schema id \(a uint16\) must be 0\.\.65535/ },
  { name: "VERSION negative", text: lines("VERSION = -1"), at: "1:11+2", message: /VERSION = -1 is out of range/ },
  { name: "VERSION not a number", text: lines("VERSION = two"), at: "1:11+3", message: /VERSION must be a whole number/ },
  { name: "unknown file setting", text: lines("SCHEMA = T", "SCHEMA_IDD = 3"), at: "2:1+10", message: /unknown setting 'SCHEMA_IDD'; did you mean 'SCHEMA_ID'\?/ },
  { name: "unknown message setting", text: lines("MESSAGE A", "    TYPE = X", "    SUBTYP = Y"), at: "3:5+6", message: /unknown message setting 'SUBTYP'; did you mean 'SUBTYPE'\?/ },
  { name: "a file setting inside a message", text: lines("MESSAGE A", "    ID = 1", "    VERSION = 1"), at: "3:5+7", message: /VERSION is a file setting and goes at the top of the file/ },
  { name: "a message setting at the top of a schema file", text: lines("ID = 4", "MESSAGE A", "    ID = 1"), at: "1:1+2", message: /ID belongs in a MESSAGE body/ },
  { name: "setting given twice", text: lines("SCHEMA = A", "SCHEMA = B"), at: "2:1+6", message: /SCHEMA is set twice \(first on line 1\)/ },
  { name: "CLASSNAME inside a MESSAGE block", text: lines("MESSAGE A", "    ID = 1", "    CLASSNAME = x.A"), at: "3:5+9", message: /CLASSNAME names the message of a one-message file/ },
  { name: "MESSAGE in a one-message file", text: lines("TYPE = A", "SUBTYPE = B", "x: int", "MESSAGE Other", "    ID = 1"), at: "4:9+5", message: /MESSAGE cannot appear in a one-message \(CoralSequencer-form\) file: line 1/ },

  // groups
  { name: "group with no fields", text: message("    legs:"), at: "6:5+4", message: /'legs:' opens a repeating group but nothing is indented under it/ },
  { name: "optional group", text: message("    legs:!", "        x: int"), at: "6:10+1", message: /group 'legs' cannot be optional/ },
  { name: "lines indented under a typed field", text: message("    qty: int", "        more: int"), at: "7:9+9", message: /indented under field 'qty' \(line 6\), which has a type/ },
  { name: "an enum value under a message", text: lines("ENUM E: char", "    A = 'A'", "MESSAGE M", "    ID = 1", "    ENUM X: char"), at: "5:5+12", message: /declared at the top level, not inside a MESSAGE/ },
  { name: "a field under an ENUM", text: lines("ENUM E: char", "    a: int"), at: "2:5+6", message: /an ENUM body holds only values/ },

  // versions
  { name: "since after the schema VERSION", text: message("    a: int! since 3"), at: "6:19+1", message: /since 3 is after the schema's VERSION \(2\)/ },
  { name: "since going backwards among fixed fields", text: message("    a: int! since 2", "    b: int! since 1"), at: "7:19+1", message: /'b' \(version 1\) is declared after 'a' \(version 2, line 6\).*fixed fields/ },
  { name: "since going backwards among var data", text: message("    a: varchars(4)! since 2", "    b: varchars(4)!"), at: "7:5+1", message: /'b' \(version 0\) is declared after 'a' \(version 2, line 6\).*var data/ },
  { name: "since going backwards among groups", text: message("    g: since 1", "        x: int", "    h:", "        y: int"), at: "8:5+1", message: /'h' \(version 0\) is declared after 'g'.*groups/ },
  { name: "group added after var data at its level", text: message("    text: varchars(8)!", "    legs: since 1", "        x: int"), at: "7:17+1", message: /group 'legs' \(version 1\) would be written in front of var data 'text' \(version 0, line 6\)/ },
  { name: "member older than its group", text: message("    legs: since 2", "        x: int since 1"), at: "7:22+1", message: /'x' cannot be older \(since 1\) than its group 'legs', added in version 2/ },
  { name: "message SINCE after VERSION", text: lines("VERSION = 1", "MESSAGE A", "    ID = 1", "    SINCE = 2"), at: "4:13+1", message: /SINCE 2 is after the schema's VERSION \(1\)/ },
  { name: "enum value since after VERSION", text: lines("ENUM E: char", "    A = 'A' since 1"), at: "2:19+1", message: /since 1 is after the schema's VERSION \(0\)/ },
  { name: "since on a setting", text: lines("SCHEMA = A since 1"), at: "1:18+1", message: /'since' applies to fields/ },

  // syntax and indentation
  { name: "a line without ':' (CoralProto would silently ignore it)", text: message("    price double(4)"), at: "6:5+15", message: /this line is not a field .*CoralProto silently ignores such lines/ },
  { name: "unclosed parenthesis", text: message("    px: double(4"), at: "6:17+1", message: /expected '\)' but found the end of the line/ },
  { name: "junk after a field", text: message("    px: int long"), at: "6:13+4", message: /unexpected 'long' at the end of the line/ },
  { name: "ENUM without encoding", text: lines("ENUM Side", "    A = 'A'"), at: "1:10+1", message: /ENUM needs ':' and its encoding/ },
  { name: "dedent to no open level", text: message("    g:", "        a: int", "      b: int"), at: "8:1+6", message: /this dedent \(6 spaces\) matches no enclosing level/ },
  { name: "tabs and spaces mixed ambiguously", text: message("    g:", "        a: int", "\tb: int"), at: "8:1+1", message: /indentation 1 tab mixes tabs and spaces differently from line 7 \(8 spaces\)/ },
  { name: "a line indented less than the file", text: lines("  TYPE = A", "  SUBTYPE = B", "x: int"), at: "3:1+1", message: /indented less than line 1, the file's first line/ },
];

describe("schema errors", () => {
  it.each(cases)("$name", ({ text, at, message }) => {
    const errors = errorsOf(text);
    expect(errors.map((e) => `${where(e)} ${e.message}`)).toEqual([expect.stringMatching(message)]);
    expect(where(errors[0]!)).toBe(at);
  });
});

describe("recovery", () => {
  it("reports every error in a file, not just the first", () => {
    const errors = errorsOf(
      lines(
        "SCHEMA = T", //          1
        "ENUM Side: char", //     2
        "    Buy = 'B'", //       3
        "    Sell = 'B'", //      4 duplicate code
        "MESSAGE A", //           5 no template id
        "    qty: unit", //       6 unknown type
        "    px double", //       7 not a field line
        "    legs:", //           8 empty group
        "MESSAGE B", //           9
        "    TYPE = XY", //      10 bad TYPE
        "    SUBTYPE = Y", //    11
        "    s: intEnum(Side)", //12 wrong wrapper
        "    t: chars(0)", //    13 bad length
      ),
    );
    expect(errors.map((e) => e.pos.line)).toEqual([4, 5, 6, 7, 8, 10, 12, 13]);
  });

  it("reads lines under a broken line for syntax errors, without cascading errors", () => {
    const errors = errorsOf(lines("MESSAGE", "    a: int(", "    b: int"));
    expect(errors.map((e) => `${where(e)} ${e.message}`)).toEqual([
      "1:8+1 MESSAGE needs a name: `MESSAGE NewOrder` (found the end of the line)",
      "2:12+1 expected a number or a constant's name but found the end of the line",
    ]);
  });

  it("warnings alone are not errors: an open enum compiles", () => {
    expect(errorsOf(lines("TYPE = A", "SUBTYPE = B", "v: twoCharEnum(Venue)"))).toEqual([]);
  });
});
