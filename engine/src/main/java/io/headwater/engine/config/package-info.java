/**
 * The YAML pipeline loader: {@link io.headwater.engine.config.PipelineLoader} reads a config into
 * an immutable {@link io.headwater.engine.model.Pipeline}, collecting every problem with its file,
 * line and key path into one {@link io.headwater.engine.config.ConfigException}.
 */
package io.headwater.engine.config;
