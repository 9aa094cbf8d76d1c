/**
 * Replay and time travel over an event log: a dataset materialised as it stood at an offset or an
 * instant ({@link io.headwater.engine.replay.TimeTravel}), and every change of one entity in log
 * order ({@link io.headwater.engine.replay.EntityHistory}). Reads are bounded by the end offsets of
 * the moment they start, so a live topic never keeps them running.
 */
package io.headwater.engine.replay;
