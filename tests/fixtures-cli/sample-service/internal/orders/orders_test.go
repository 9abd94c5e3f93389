package orders

import (
	"errors"
	"testing"
	"time"
)

func TestCancel(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		status  Status
		wantErr error
		want    Status
	}{
		{name: "open order", status: StatusOpen, want: StatusCancelled},
		{name: "shipped order", status: StatusShipped, wantErr: ErrNotCancellable, want: StatusShipped},
	}
	for _, tt := range tests {
		tt := tt
		t.Run(tt.name, func(t *testing.T) {
			o := &Order{ID: "o-1", TenantID: "t-1", Status: tt.status}
			err := o.Cancel(now)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Cancel() error = %v, want %v", err, tt.wantErr)
			}
			if o.Status != tt.want {
				t.Fatalf("status = %s, want %s", o.Status, tt.want)
			}
		})
	}
}
