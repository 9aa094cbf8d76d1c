/**
 * Rebuilds: a derived store replayed from its log into a shadow instance, crash-safe by its
 * checkpoint, verified, and only then swapped in.
 */
package io.headwater.engine.rebuild;
