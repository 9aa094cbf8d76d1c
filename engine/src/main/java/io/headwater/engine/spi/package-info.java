/**
 * The service-provider interfaces that connectors implement: event logs, derived sinks, dataset
 * readers, change capture, monitors.
 */
package io.headwater.engine.spi;
