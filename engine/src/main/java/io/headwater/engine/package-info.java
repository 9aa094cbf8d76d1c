/**
 * Headwater's engine: the pipeline model, configuration, lineage and the service-provider
 * interfaces the connectors implement. Plain Java: no JavaFX, no JDBC driver, no Kafka client.
 */
package io.headwater.engine;
