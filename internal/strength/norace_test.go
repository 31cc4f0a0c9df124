//go:build !race

package strength_test

const underRace = false
