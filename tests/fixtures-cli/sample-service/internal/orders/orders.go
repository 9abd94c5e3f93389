// Package orders is the domain of the sample service the CLI tests run the pack's commands against.
package orders

import (
	"errors"
	"fmt"
	"time"
)

// Status is an order's lifecycle state.
type Status string

const (
	StatusOpen      Status = "OPEN"
	StatusCancelled Status = "CANCELLED"
	StatusShipped   Status = "SHIPPED"
)

// ErrNotCancellable is returned when an order has left the OPEN state.
var ErrNotCancellable = errors.New("order cannot be cancelled")

// Order is one customer order.
type Order struct {
	ID        string
	TenantID  string
	Status    Status
	UpdatedAt time.Time
}

// Cancel moves an OPEN order to CANCELLED.
func (o *Order) Cancel(now time.Time) error {
	if o.Status != StatusOpen {
		return fmt.Errorf("cancel %s in state %s: %w", o.ID, o.Status, ErrNotCancellable)
	}
	o.Status = StatusCancelled
	o.UpdatedAt = now.UTC()
	return nil
}
