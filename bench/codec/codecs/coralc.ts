/** coralc's generated codec for schemas/bench.idl (generated/bench.ts), driven by the same code as the flyweight. */
import * as bench from "../../../generated/bench.js";
import { sbeCodecModule } from "./sbe.js";

export default sbeCodecModule(bench);
