// Command orders-api is the sample service's entry point (a stand-in for the Lambda bootstrap).
package main

import (
	"fmt"
	"os"
	"time"

	"example.com/orders/internal/orders"
)

func main() {
	o := &orders.Order{ID: "o-1", TenantID: "t-1", Status: orders.StatusOpen}
	if err := o.Cancel(time.Now()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(o.Status)
}
