import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace bench. */
export namespace bench {

    /** Side enum. */
    enum Side {

        /** SIDE_UNSPECIFIED value */
        SIDE_UNSPECIFIED = 0,

        /** SIDE_BUY value */
        SIDE_BUY = 66,

        /** SIDE_SELL value */
        SIDE_SELL = 83
    }

    /** TimeInForce enum. */
    enum TimeInForce {

        /** TIME_IN_FORCE_UNSPECIFIED value */
        TIME_IN_FORCE_UNSPECIFIED = 0,

        /** TIME_IN_FORCE_DAY value */
        TIME_IN_FORCE_DAY = 48,

        /** TIME_IN_FORCE_GOOD_TILL_CANCEL value */
        TIME_IN_FORCE_GOOD_TILL_CANCEL = 49,

        /** TIME_IN_FORCE_IMMEDIATE_OR_CANCEL value */
        TIME_IN_FORCE_IMMEDIATE_OR_CANCEL = 51,

        /** TIME_IN_FORCE_FILL_OR_KILL value */
        TIME_IN_FORCE_FILL_OR_KILL = 52
    }

    /** UpdateAction enum. */
    enum UpdateAction {

        /** UPDATE_ACTION_UNSPECIFIED value */
        UPDATE_ACTION_UNSPECIFIED = 0,

        /** UPDATE_ACTION_NEW value */
        UPDATE_ACTION_NEW = 48,

        /** UPDATE_ACTION_CHANGE value */
        UPDATE_ACTION_CHANGE = 49,

        /** UPDATE_ACTION_DELETE value */
        UPDATE_ACTION_DELETE = 50
    }

    /** EntryType enum. */
    enum EntryType {

        /** ENTRY_TYPE_UNSPECIFIED value */
        ENTRY_TYPE_UNSPECIFIED = 0,

        /** ENTRY_TYPE_BID value */
        ENTRY_TYPE_BID = 48,

        /** ENTRY_TYPE_OFFER value */
        ENTRY_TYPE_OFFER = 49,

        /** ENTRY_TYPE_TRADE value */
        ENTRY_TYPE_TRADE = 50
    }

    /**
     * Properties of a Leg.
     * @deprecated Use bench.Leg.$Properties instead.
     */
    interface ILeg extends bench.Leg.$Properties {
    }

    /** Represents a Leg. */
    class Leg {

        /**
         * Constructs a new Leg.
         * @param [properties] Properties to set
         */
        constructor(properties?: bench.Leg.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Leg ratio. */
        ratio: number;

        /** Leg symbol. */
        symbol: string;

        /** Leg side. */
        side: bench.Side;

        /**
         * Creates a new Leg instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Leg instance
         */
        static create(properties: bench.Leg.$Shape): bench.Leg & bench.Leg.$Shape;
        static create(properties?: bench.Leg.$Properties): bench.Leg;

        /**
         * Encodes the specified Leg message. Does not implicitly {@link bench.Leg.verify|verify} messages.
         * @param message Leg message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: bench.Leg.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Leg message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {bench.Leg & bench.Leg.$Shape} Leg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): bench.Leg & bench.Leg.$Shape;
    }

    namespace Leg {

        /** Properties of a Leg. */
        interface $Properties {

            /** Leg ratio */
            ratio?: (number|null);

            /** Leg symbol */
            symbol?: (string|null);

            /** Leg side */
            side?: (bench.Side|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Leg. */
        type $Shape = bench.Leg.$Properties;
    }

    /**
     * Properties of an Order.
     * @deprecated Use bench.Order.$Properties instead.
     */
    interface IOrder extends bench.Order.$Properties {
    }

    /** Represents an Order. */
    class Order {

        /**
         * Constructs a new Order.
         * @param [properties] Properties to set
         */
        constructor(properties?: bench.Order.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Order clOrdId. */
        clOrdId: number;

        /** Order price. */
        price: number;

        /** Order stopPrice. */
        stopPrice?: (number|null);

        /** Order qty. */
        qty: number;

        /** Order account. */
        account: string;

        /** Order symbol. */
        symbol: string;

        /** Order side. */
        side: bench.Side;

        /** Order timeInForce. */
        timeInForce: bench.TimeInForce;

        /** Order legs. */
        legs: bench.Leg.$Properties[];

        /**
         * Creates a new Order instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Order instance
         */
        static create(properties: bench.Order.$Shape): bench.Order & bench.Order.$Shape;
        static create(properties?: bench.Order.$Properties): bench.Order;

        /**
         * Encodes the specified Order message. Does not implicitly {@link bench.Order.verify|verify} messages.
         * @param message Order message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: bench.Order.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an Order message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {bench.Order & bench.Order.$Shape} Order
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): bench.Order & bench.Order.$Shape;
    }

    namespace Order {

        /** Properties of an Order. */
        interface $Properties {

            /** Order clOrdId */
            clOrdId?: (number|null);

            /** Order price */
            price?: (number|null);

            /** Order stopPrice */
            stopPrice?: (number|null);

            /** Order qty */
            qty?: (number|null);

            /** Order account */
            account?: (string|null);

            /** Order symbol */
            symbol?: (string|null);

            /** Order side */
            side?: (bench.Side|null);

            /** Order timeInForce */
            timeInForce?: (bench.TimeInForce|null);

            /** Order legs */
            legs?: (bench.Leg.$Properties[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an Order. */
        type $Shape = bench.Order.$Properties;
    }

    /**
     * Properties of a MdEntry.
     * @deprecated Use bench.MdEntry.$Properties instead.
     */
    interface IMdEntry extends bench.MdEntry.$Properties {
    }

    /** Represents a MdEntry. */
    class MdEntry {

        /**
         * Constructs a new MdEntry.
         * @param [properties] Properties to set
         */
        constructor(properties?: bench.MdEntry.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** MdEntry price. */
        price: number;

        /** MdEntry qty. */
        qty: number;

        /** MdEntry securityId. */
        securityId: number;

        /** MdEntry rptSeq. */
        rptSeq: number;

        /** MdEntry numberOfOrders. */
        numberOfOrders: number;

        /** MdEntry priceLevel. */
        priceLevel: number;

        /** MdEntry action. */
        action: bench.UpdateAction;

        /** MdEntry entryType. */
        entryType: bench.EntryType;

        /**
         * Creates a new MdEntry instance using the specified properties.
         * @param [properties] Properties to set
         * @returns MdEntry instance
         */
        static create(properties: bench.MdEntry.$Shape): bench.MdEntry & bench.MdEntry.$Shape;
        static create(properties?: bench.MdEntry.$Properties): bench.MdEntry;

        /**
         * Encodes the specified MdEntry message. Does not implicitly {@link bench.MdEntry.verify|verify} messages.
         * @param message MdEntry message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: bench.MdEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a MdEntry message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {bench.MdEntry & bench.MdEntry.$Shape} MdEntry
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): bench.MdEntry & bench.MdEntry.$Shape;
    }

    namespace MdEntry {

        /** Properties of a MdEntry. */
        interface $Properties {

            /** MdEntry price */
            price?: (number|null);

            /** MdEntry qty */
            qty?: (number|null);

            /** MdEntry securityId */
            securityId?: (number|null);

            /** MdEntry rptSeq */
            rptSeq?: (number|null);

            /** MdEntry numberOfOrders */
            numberOfOrders?: (number|null);

            /** MdEntry priceLevel */
            priceLevel?: (number|null);

            /** MdEntry action */
            action?: (bench.UpdateAction|null);

            /** MdEntry entryType */
            entryType?: (bench.EntryType|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a MdEntry. */
        type $Shape = bench.MdEntry.$Properties;
    }

    /**
     * Properties of a MarketDataIncremental.
     * @deprecated Use bench.MarketDataIncremental.$Properties instead.
     */
    interface IMarketDataIncremental extends bench.MarketDataIncremental.$Properties {
    }

    /** Represents a MarketDataIncremental. */
    class MarketDataIncremental {

        /**
         * Constructs a new MarketDataIncremental.
         * @param [properties] Properties to set
         */
        constructor(properties?: bench.MarketDataIncremental.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** MarketDataIncremental transactTime. */
        transactTime: number;

        /** MarketDataIncremental matchEventIndicator. */
        matchEventIndicator: number;

        /** MarketDataIncremental entries. */
        entries: bench.MdEntry.$Properties[];

        /**
         * Creates a new MarketDataIncremental instance using the specified properties.
         * @param [properties] Properties to set
         * @returns MarketDataIncremental instance
         */
        static create(properties: bench.MarketDataIncremental.$Shape): bench.MarketDataIncremental & bench.MarketDataIncremental.$Shape;
        static create(properties?: bench.MarketDataIncremental.$Properties): bench.MarketDataIncremental;

        /**
         * Encodes the specified MarketDataIncremental message. Does not implicitly {@link bench.MarketDataIncremental.verify|verify} messages.
         * @param message MarketDataIncremental message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: bench.MarketDataIncremental.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a MarketDataIncremental message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {bench.MarketDataIncremental & bench.MarketDataIncremental.$Shape} MarketDataIncremental
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): bench.MarketDataIncremental & bench.MarketDataIncremental.$Shape;
    }

    namespace MarketDataIncremental {

        /** Properties of a MarketDataIncremental. */
        interface $Properties {

            /** MarketDataIncremental transactTime */
            transactTime?: (number|null);

            /** MarketDataIncremental matchEventIndicator */
            matchEventIndicator?: (number|null);

            /** MarketDataIncremental entries */
            entries?: (bench.MdEntry.$Properties[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a MarketDataIncremental. */
        type $Shape = bench.MarketDataIncremental.$Properties;
    }
}
