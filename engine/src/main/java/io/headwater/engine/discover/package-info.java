/**
 * Discovery: what a running change-data pipeline that Headwater did not set up consists of, read from
 * its connectors' configurations (Kafka Connect, Debezium Server) and written as a pipeline config.
 *
 * <p>The interpreters ({@link io.headwater.engine.discover.ConnectorInterpreters}) are pure functions
 * from one connector's configuration to what it means: a capture from a database into topics, or a
 * sink from topics into a store, with the guesses made on the way and what was not understood. The
 * {@link io.headwater.engine.discover.DiscoveryAssembler} joins the readings with the databases' own
 * schema ({@link io.headwater.engine.discover.SchemaCatalog}) into a
 * {@link io.headwater.engine.discover.DiscoveredPipeline}, and
 * {@link io.headwater.engine.discover.DiscoveryYaml} writes it as a config the loader accepts.
 * Reaching the Connect REST API and the databases is the connectors module's job.
 */
package io.headwater.engine.discover;
