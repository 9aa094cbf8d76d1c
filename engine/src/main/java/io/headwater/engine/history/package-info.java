/** The workbench's own records: verification runs kept for the history views. */
package io.headwater.engine.history;
