/**
 * Event-sourced systems of record: a Kafka topic whose records are immutable business events
 * (plain JSON objects, no change-capture envelope), read directly by consumers. The ledger of the
 * demo is one.
 */
package io.headwater.connectors.events;
