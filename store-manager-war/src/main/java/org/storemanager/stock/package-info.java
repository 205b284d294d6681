/**
 * Stock levels. Writes are conditional SQL updates so a level can never go below zero (and a CHECK
 * constraint backs that up); reads come from the Redis read model, except the overview report,
 * which is one join query on MySQL.
 */
package org.storemanager.stock;
