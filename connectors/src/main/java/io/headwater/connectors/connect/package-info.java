/**
 * Kafka Connect's REST API, read-only: the connectors of a cluster with their configurations, states
 * and topics, for discovery and status. Nothing here creates, changes, pauses or deletes a connector.
 */
package io.headwater.connectors.connect;
