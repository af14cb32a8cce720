/** The order-entry journal (Chronicle Queue): see {@link dev.hft.journal.Journal}. */
package dev.hft.journal;
