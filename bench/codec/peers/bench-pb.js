/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const bench = $root.bench = (() => {

    /**
     * Namespace bench.
     * @exports bench
     * @namespace
     */
    const bench = {};

    /**
     * Side enum.
     * @name bench.Side
     * @enum {number}
     * @property {number} SIDE_UNSPECIFIED=0 SIDE_UNSPECIFIED value
     * @property {number} SIDE_BUY=66 SIDE_BUY value
     * @property {number} SIDE_SELL=83 SIDE_SELL value
     */
    bench.Side = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "SIDE_UNSPECIFIED"] = 0;
        values[valuesById[66] = "SIDE_BUY"] = 66;
        values[valuesById[83] = "SIDE_SELL"] = 83;
        return values;
    })();

    /**
     * TimeInForce enum.
     * @name bench.TimeInForce
     * @enum {number}
     * @property {number} TIME_IN_FORCE_UNSPECIFIED=0 TIME_IN_FORCE_UNSPECIFIED value
     * @property {number} TIME_IN_FORCE_DAY=48 TIME_IN_FORCE_DAY value
     * @property {number} TIME_IN_FORCE_GOOD_TILL_CANCEL=49 TIME_IN_FORCE_GOOD_TILL_CANCEL value
     * @property {number} TIME_IN_FORCE_IMMEDIATE_OR_CANCEL=51 TIME_IN_FORCE_IMMEDIATE_OR_CANCEL value
     * @property {number} TIME_IN_FORCE_FILL_OR_KILL=52 TIME_IN_FORCE_FILL_OR_KILL value
     */
    bench.TimeInForce = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "TIME_IN_FORCE_UNSPECIFIED"] = 0;
        values[valuesById[48] = "TIME_IN_FORCE_DAY"] = 48;
        values[valuesById[49] = "TIME_IN_FORCE_GOOD_TILL_CANCEL"] = 49;
        values[valuesById[51] = "TIME_IN_FORCE_IMMEDIATE_OR_CANCEL"] = 51;
        values[valuesById[52] = "TIME_IN_FORCE_FILL_OR_KILL"] = 52;
        return values;
    })();

    /**
     * UpdateAction enum.
     * @name bench.UpdateAction
     * @enum {number}
     * @property {number} UPDATE_ACTION_UNSPECIFIED=0 UPDATE_ACTION_UNSPECIFIED value
     * @property {number} UPDATE_ACTION_NEW=48 UPDATE_ACTION_NEW value
     * @property {number} UPDATE_ACTION_CHANGE=49 UPDATE_ACTION_CHANGE value
     * @property {number} UPDATE_ACTION_DELETE=50 UPDATE_ACTION_DELETE value
     */
    bench.UpdateAction = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "UPDATE_ACTION_UNSPECIFIED"] = 0;
        values[valuesById[48] = "UPDATE_ACTION_NEW"] = 48;
        values[valuesById[49] = "UPDATE_ACTION_CHANGE"] = 49;
        values[valuesById[50] = "UPDATE_ACTION_DELETE"] = 50;
        return values;
    })();

    /**
     * EntryType enum.
     * @name bench.EntryType
     * @enum {number}
     * @property {number} ENTRY_TYPE_UNSPECIFIED=0 ENTRY_TYPE_UNSPECIFIED value
     * @property {number} ENTRY_TYPE_BID=48 ENTRY_TYPE_BID value
     * @property {number} ENTRY_TYPE_OFFER=49 ENTRY_TYPE_OFFER value
     * @property {number} ENTRY_TYPE_TRADE=50 ENTRY_TYPE_TRADE value
     */
    bench.EntryType = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "ENTRY_TYPE_UNSPECIFIED"] = 0;
        values[valuesById[48] = "ENTRY_TYPE_BID"] = 48;
        values[valuesById[49] = "ENTRY_TYPE_OFFER"] = 49;
        values[valuesById[50] = "ENTRY_TYPE_TRADE"] = 50;
        return values;
    })();

    bench.Leg = (function() {

        /**
         * Properties of a Leg.
         * @typedef {Object} bench.Leg.$Properties
         * @property {number|null} [ratio] Leg ratio
         * @property {string|null} [symbol] Leg symbol
         * @property {bench.Side|null} [side] Leg side
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Leg.
         * @memberof bench
         * @interface ILeg
         * @augments bench.Leg.$Properties
         * @deprecated Use bench.Leg.$Properties instead.
         */

        /**
         * Shape of a Leg.
         * @typedef {bench.Leg.$Properties} bench.Leg.$Shape
         */

        /**
         * Constructs a new Leg.
         * @memberof bench
         * @classdesc Represents a Leg.
         * @constructor
         * @param {bench.Leg.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Leg = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Leg ratio.
         * @member {number} ratio
         * @memberof bench.Leg
         * @instance
         */
        Leg.prototype.ratio = 0;

        /**
         * Leg symbol.
         * @member {string} symbol
         * @memberof bench.Leg
         * @instance
         */
        Leg.prototype.symbol = "";

        /**
         * Leg side.
         * @member {bench.Side} side
         * @memberof bench.Leg
         * @instance
         */
        Leg.prototype.side = 0;

        /**
         * Creates a new Leg instance using the specified properties.
         * @function create
         * @memberof bench.Leg
         * @static
         * @param {bench.Leg.$Properties=} [properties] Properties to set
         * @returns {bench.Leg} Leg instance
         * @type {{
         *   (properties: bench.Leg.$Shape): bench.Leg & bench.Leg.$Shape;
         *   (properties?: bench.Leg.$Properties): bench.Leg;
         * }}
         */
        Leg.create = function(properties) {
            return new Leg(properties);
        };

        /**
         * Encodes the specified Leg message. Does not implicitly {@link bench.Leg.verify|verify} messages.
         * @function encode
         * @memberof bench.Leg
         * @static
         * @param {bench.Leg.$Properties} message Leg message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Leg.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.ratio != null && $Object.hasOwnProperty.call(message, "ratio") && message.ratio !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).sint32(message.ratio);
            if (message.symbol != null && $Object.hasOwnProperty.call(message, "symbol") && message.symbol !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.symbol);
            if (message.side != null && $Object.hasOwnProperty.call(message, "side") && message.side !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).int32(message.side);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Leg message from the specified reader or buffer.
         * @function decode
         * @memberof bench.Leg
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {bench.Leg & bench.Leg.$Shape} Leg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Leg.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.bench.Leg();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.sint32())
                            message.ratio = value;
                        else
                            delete message.ratio;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.symbol = value;
                        else
                            delete message.symbol;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.side = value;
                        else
                            delete message.side;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Leg;
    })();

    bench.Order = (function() {

        /**
         * Properties of an Order.
         * @typedef {Object} bench.Order.$Properties
         * @property {number|null} [clOrdId] Order clOrdId
         * @property {number|null} [price] Order price
         * @property {number|null} [stopPrice] Order stopPrice
         * @property {number|null} [qty] Order qty
         * @property {string|null} [account] Order account
         * @property {string|null} [symbol] Order symbol
         * @property {bench.Side|null} [side] Order side
         * @property {bench.TimeInForce|null} [timeInForce] Order timeInForce
         * @property {Array.<bench.Leg.$Properties>|null} [legs] Order legs
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Order.
         * @memberof bench
         * @interface IOrder
         * @augments bench.Order.$Properties
         * @deprecated Use bench.Order.$Properties instead.
         */

        /**
         * Shape of an Order.
         * @typedef {bench.Order.$Properties} bench.Order.$Shape
         */

        /**
         * Constructs a new Order.
         * @memberof bench
         * @classdesc Represents an Order.
         * @constructor
         * @param {bench.Order.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Order = function (properties) {
            this.legs = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Order clOrdId.
         * @member {number} clOrdId
         * @memberof bench.Order
         * @instance
         */
        Order.prototype.clOrdId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Order price.
         * @member {number} price
         * @memberof bench.Order
         * @instance
         */
        Order.prototype.price = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

        /**
         * Order stopPrice.
         * @member {number|null|undefined} stopPrice
         * @memberof bench.Order
         * @instance
         */
        Order.prototype.stopPrice = null;

        /**
         * Order qty.
         * @member {number} qty
         * @memberof bench.Order
         * @instance
         */
        Order.prototype.qty = 0;

        /**
         * Order account.
         * @member {string} account
         * @memberof bench.Order
         * @instance
         */
        Order.prototype.account = "";

        /**
         * Order symbol.
         * @member {string} symbol
         * @memberof bench.Order
         * @instance
         */
        Order.prototype.symbol = "";

        /**
         * Order side.
         * @member {bench.Side} side
         * @memberof bench.Order
         * @instance
         */
        Order.prototype.side = 0;

        /**
         * Order timeInForce.
         * @member {bench.TimeInForce} timeInForce
         * @memberof bench.Order
         * @instance
         */
        Order.prototype.timeInForce = 0;

        /**
         * Order legs.
         * @member {Array.<bench.Leg.$Properties>} legs
         * @memberof bench.Order
         * @instance
         */
        Order.prototype.legs = $util.emptyArray;

        // OneOf field names bound to virtual getters and setters
        let $oneOfFields;

        // Virtual OneOf for proto3 optional field
        $Object.defineProperty(Order.prototype, "_stopPrice", {
            get: $util.oneOfGetter($oneOfFields = ["stopPrice"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        /**
         * Creates a new Order instance using the specified properties.
         * @function create
         * @memberof bench.Order
         * @static
         * @param {bench.Order.$Properties=} [properties] Properties to set
         * @returns {bench.Order} Order instance
         * @type {{
         *   (properties: bench.Order.$Shape): bench.Order & bench.Order.$Shape;
         *   (properties?: bench.Order.$Properties): bench.Order;
         * }}
         */
        Order.create = function(properties) {
            return new Order(properties);
        };

        /**
         * Encodes the specified Order message. Does not implicitly {@link bench.Order.verify|verify} messages.
         * @function encode
         * @memberof bench.Order
         * @static
         * @param {bench.Order.$Properties} message Order message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Order.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.clOrdId != null && $Object.hasOwnProperty.call(message, "clOrdId") && (typeof message.clOrdId === "object" ? message.clOrdId.low || message.clOrdId.high : message.clOrdId !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.clOrdId);
            if (message.price != null && $Object.hasOwnProperty.call(message, "price") && (typeof message.price === "object" ? message.price.low || message.price.high : message.price !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).int64(message.price);
            if (message.stopPrice != null && $Object.hasOwnProperty.call(message, "stopPrice"))
                writer.uint32(/* id 3, wireType 0 =*/24).int64(message.stopPrice);
            if (message.qty != null && $Object.hasOwnProperty.call(message, "qty") && message.qty !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.qty);
            if (message.account != null && $Object.hasOwnProperty.call(message, "account") && message.account !== "")
                writer.uint32(/* id 5, wireType 2 =*/42).string(message.account);
            if (message.symbol != null && $Object.hasOwnProperty.call(message, "symbol") && message.symbol !== "")
                writer.uint32(/* id 6, wireType 2 =*/50).string(message.symbol);
            if (message.side != null && $Object.hasOwnProperty.call(message, "side") && message.side !== 0)
                writer.uint32(/* id 7, wireType 0 =*/56).int32(message.side);
            if (message.timeInForce != null && $Object.hasOwnProperty.call(message, "timeInForce") && message.timeInForce !== 0)
                writer.uint32(/* id 8, wireType 0 =*/64).int32(message.timeInForce);
            if (message.legs != null && message.legs.length)
                for (let i = 0; i < message.legs.length; ++i)
                    $root.bench.Leg.encode(message.legs[i], writer.uint32(/* id 9, wireType 2 =*/74).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an Order message from the specified reader or buffer.
         * @function decode
         * @memberof bench.Order
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {bench.Order & bench.Order.$Shape} Order
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Order.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.bench.Order();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.clOrdId = value;
                        else
                            delete message.clOrdId;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                            message.price = value;
                        else
                            delete message.price;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        message.stopPrice = reader.int64();
                        message._stopPrice = "stopPrice";
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.qty = value;
                        else
                            delete message.qty;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.account = value;
                        else
                            delete message.account;
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.symbol = value;
                        else
                            delete message.symbol;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.side = value;
                        else
                            delete message.side;
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.timeInForce = value;
                        else
                            delete message.timeInForce;
                        continue;
                    }
                case 9: {
                        if (wireType !== 2)
                            break;
                        if (!(message.legs && message.legs.length))
                            message.legs = [];
                        message.legs.push($root.bench.Leg.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Order;
    })();

    bench.MdEntry = (function() {

        /**
         * Properties of a MdEntry.
         * @typedef {Object} bench.MdEntry.$Properties
         * @property {number|null} [price] MdEntry price
         * @property {number|null} [qty] MdEntry qty
         * @property {number|null} [securityId] MdEntry securityId
         * @property {number|null} [rptSeq] MdEntry rptSeq
         * @property {number|null} [numberOfOrders] MdEntry numberOfOrders
         * @property {number|null} [priceLevel] MdEntry priceLevel
         * @property {bench.UpdateAction|null} [action] MdEntry action
         * @property {bench.EntryType|null} [entryType] MdEntry entryType
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a MdEntry.
         * @memberof bench
         * @interface IMdEntry
         * @augments bench.MdEntry.$Properties
         * @deprecated Use bench.MdEntry.$Properties instead.
         */

        /**
         * Shape of a MdEntry.
         * @typedef {bench.MdEntry.$Properties} bench.MdEntry.$Shape
         */

        /**
         * Constructs a new MdEntry.
         * @memberof bench
         * @classdesc Represents a MdEntry.
         * @constructor
         * @param {bench.MdEntry.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const MdEntry = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * MdEntry price.
         * @member {number} price
         * @memberof bench.MdEntry
         * @instance
         */
        MdEntry.prototype.price = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

        /**
         * MdEntry qty.
         * @member {number} qty
         * @memberof bench.MdEntry
         * @instance
         */
        MdEntry.prototype.qty = 0;

        /**
         * MdEntry securityId.
         * @member {number} securityId
         * @memberof bench.MdEntry
         * @instance
         */
        MdEntry.prototype.securityId = 0;

        /**
         * MdEntry rptSeq.
         * @member {number} rptSeq
         * @memberof bench.MdEntry
         * @instance
         */
        MdEntry.prototype.rptSeq = 0;

        /**
         * MdEntry numberOfOrders.
         * @member {number} numberOfOrders
         * @memberof bench.MdEntry
         * @instance
         */
        MdEntry.prototype.numberOfOrders = 0;

        /**
         * MdEntry priceLevel.
         * @member {number} priceLevel
         * @memberof bench.MdEntry
         * @instance
         */
        MdEntry.prototype.priceLevel = 0;

        /**
         * MdEntry action.
         * @member {bench.UpdateAction} action
         * @memberof bench.MdEntry
         * @instance
         */
        MdEntry.prototype.action = 0;

        /**
         * MdEntry entryType.
         * @member {bench.EntryType} entryType
         * @memberof bench.MdEntry
         * @instance
         */
        MdEntry.prototype.entryType = 0;

        /**
         * Creates a new MdEntry instance using the specified properties.
         * @function create
         * @memberof bench.MdEntry
         * @static
         * @param {bench.MdEntry.$Properties=} [properties] Properties to set
         * @returns {bench.MdEntry} MdEntry instance
         * @type {{
         *   (properties: bench.MdEntry.$Shape): bench.MdEntry & bench.MdEntry.$Shape;
         *   (properties?: bench.MdEntry.$Properties): bench.MdEntry;
         * }}
         */
        MdEntry.create = function(properties) {
            return new MdEntry(properties);
        };

        /**
         * Encodes the specified MdEntry message. Does not implicitly {@link bench.MdEntry.verify|verify} messages.
         * @function encode
         * @memberof bench.MdEntry
         * @static
         * @param {bench.MdEntry.$Properties} message MdEntry message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        MdEntry.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.price != null && $Object.hasOwnProperty.call(message, "price") && (typeof message.price === "object" ? message.price.low || message.price.high : message.price !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).int64(message.price);
            if (message.qty != null && $Object.hasOwnProperty.call(message, "qty") && message.qty !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.qty);
            if (message.securityId != null && $Object.hasOwnProperty.call(message, "securityId") && message.securityId !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).sint32(message.securityId);
            if (message.rptSeq != null && $Object.hasOwnProperty.call(message, "rptSeq") && message.rptSeq !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.rptSeq);
            if (message.numberOfOrders != null && $Object.hasOwnProperty.call(message, "numberOfOrders") && message.numberOfOrders !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.numberOfOrders);
            if (message.priceLevel != null && $Object.hasOwnProperty.call(message, "priceLevel") && message.priceLevel !== 0)
                writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.priceLevel);
            if (message.action != null && $Object.hasOwnProperty.call(message, "action") && message.action !== 0)
                writer.uint32(/* id 7, wireType 0 =*/56).int32(message.action);
            if (message.entryType != null && $Object.hasOwnProperty.call(message, "entryType") && message.entryType !== 0)
                writer.uint32(/* id 8, wireType 0 =*/64).int32(message.entryType);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a MdEntry message from the specified reader or buffer.
         * @function decode
         * @memberof bench.MdEntry
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {bench.MdEntry & bench.MdEntry.$Shape} MdEntry
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        MdEntry.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.bench.MdEntry();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                            message.price = value;
                        else
                            delete message.price;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.qty = value;
                        else
                            delete message.qty;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.sint32())
                            message.securityId = value;
                        else
                            delete message.securityId;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.rptSeq = value;
                        else
                            delete message.rptSeq;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.numberOfOrders = value;
                        else
                            delete message.numberOfOrders;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.priceLevel = value;
                        else
                            delete message.priceLevel;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.action = value;
                        else
                            delete message.action;
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.entryType = value;
                        else
                            delete message.entryType;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return MdEntry;
    })();

    bench.MarketDataIncremental = (function() {

        /**
         * Properties of a MarketDataIncremental.
         * @typedef {Object} bench.MarketDataIncremental.$Properties
         * @property {number|null} [transactTime] MarketDataIncremental transactTime
         * @property {number|null} [matchEventIndicator] MarketDataIncremental matchEventIndicator
         * @property {Array.<bench.MdEntry.$Properties>|null} [entries] MarketDataIncremental entries
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a MarketDataIncremental.
         * @memberof bench
         * @interface IMarketDataIncremental
         * @augments bench.MarketDataIncremental.$Properties
         * @deprecated Use bench.MarketDataIncremental.$Properties instead.
         */

        /**
         * Shape of a MarketDataIncremental.
         * @typedef {bench.MarketDataIncremental.$Properties} bench.MarketDataIncremental.$Shape
         */

        /**
         * Constructs a new MarketDataIncremental.
         * @memberof bench
         * @classdesc Represents a MarketDataIncremental.
         * @constructor
         * @param {bench.MarketDataIncremental.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const MarketDataIncremental = function (properties) {
            this.entries = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * MarketDataIncremental transactTime.
         * @member {number} transactTime
         * @memberof bench.MarketDataIncremental
         * @instance
         */
        MarketDataIncremental.prototype.transactTime = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * MarketDataIncremental matchEventIndicator.
         * @member {number} matchEventIndicator
         * @memberof bench.MarketDataIncremental
         * @instance
         */
        MarketDataIncremental.prototype.matchEventIndicator = 0;

        /**
         * MarketDataIncremental entries.
         * @member {Array.<bench.MdEntry.$Properties>} entries
         * @memberof bench.MarketDataIncremental
         * @instance
         */
        MarketDataIncremental.prototype.entries = $util.emptyArray;

        /**
         * Creates a new MarketDataIncremental instance using the specified properties.
         * @function create
         * @memberof bench.MarketDataIncremental
         * @static
         * @param {bench.MarketDataIncremental.$Properties=} [properties] Properties to set
         * @returns {bench.MarketDataIncremental} MarketDataIncremental instance
         * @type {{
         *   (properties: bench.MarketDataIncremental.$Shape): bench.MarketDataIncremental & bench.MarketDataIncremental.$Shape;
         *   (properties?: bench.MarketDataIncremental.$Properties): bench.MarketDataIncremental;
         * }}
         */
        MarketDataIncremental.create = function(properties) {
            return new MarketDataIncremental(properties);
        };

        /**
         * Encodes the specified MarketDataIncremental message. Does not implicitly {@link bench.MarketDataIncremental.verify|verify} messages.
         * @function encode
         * @memberof bench.MarketDataIncremental
         * @static
         * @param {bench.MarketDataIncremental.$Properties} message MarketDataIncremental message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        MarketDataIncremental.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.transactTime != null && $Object.hasOwnProperty.call(message, "transactTime") && (typeof message.transactTime === "object" ? message.transactTime.low || message.transactTime.high : message.transactTime !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.transactTime);
            if (message.matchEventIndicator != null && $Object.hasOwnProperty.call(message, "matchEventIndicator") && message.matchEventIndicator !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.matchEventIndicator);
            if (message.entries != null && message.entries.length)
                for (let i = 0; i < message.entries.length; ++i)
                    $root.bench.MdEntry.encode(message.entries[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a MarketDataIncremental message from the specified reader or buffer.
         * @function decode
         * @memberof bench.MarketDataIncremental
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {bench.MarketDataIncremental & bench.MarketDataIncremental.$Shape} MarketDataIncremental
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        MarketDataIncremental.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.bench.MarketDataIncremental();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.transactTime = value;
                        else
                            delete message.transactTime;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.matchEventIndicator = value;
                        else
                            delete message.matchEventIndicator;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if (!(message.entries && message.entries.length))
                            message.entries = [];
                        message.entries.push($root.bench.MdEntry.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return MarketDataIncremental;
    })();

    return bench;
})();

export {
  $root as default
};
