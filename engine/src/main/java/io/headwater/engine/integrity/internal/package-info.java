/**
 * The machinery behind {@link io.headwater.engine.integrity.Verifier}: bisection, the streaming
 * merge of two sides, background scans and bookkeeping. Not an API; may change at any time.
 */
package io.headwater.engine.integrity.internal;
