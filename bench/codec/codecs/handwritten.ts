/** The hand-written flyweight (../handwritten.ts), driven by the same code as coralc's. */
import * as handwritten from "../handwritten.js";
import { sbeCodecModule } from "./sbe.js";

export default sbeCodecModule(handwritten);
