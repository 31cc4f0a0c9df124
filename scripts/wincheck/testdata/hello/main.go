// A minimal Windows program for wincheck's tests to sign, stamp and tamper with.
package main

func main() {}
