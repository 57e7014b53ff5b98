// Turns protobufjs's Long support off so 64-bit fields decode as JS numbers (exact below 2^53), the form every
// other codec uses. Must be evaluated before bench-pb.js, whose prototypes pick their defaults at load time.
import $protobuf from "protobufjs/minimal.js";

$protobuf.util.Long = null;
$protobuf.configure();
