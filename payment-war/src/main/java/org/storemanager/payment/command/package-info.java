/** Transactional write side: create payments and process them with a simulated card check. */
package org.storemanager.payment.command;
