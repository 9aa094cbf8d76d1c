/** Fault injection for demos and tests: damage a derived store behind the pipeline's back. */
package io.headwater.engine.faults;
