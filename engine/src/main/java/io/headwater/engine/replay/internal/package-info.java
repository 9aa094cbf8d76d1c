/** Details of replay: the bounded scan of a topic and the in-memory folds. Not an API. */
package io.headwater.engine.replay.internal;
